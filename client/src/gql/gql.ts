/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ActivityHeatmap($from: DateTime!, $to: DateTime!, $agentId: ID) {\n    activityHeatmap(from: $from, to: $to, agentId: $agentId) {\n      weekday\n      hour\n      messages\n    }\n  }\n": typeof types.ActivityHeatmapDocument,
    "\n  mutation SetAgentName($id: ID!, $name: String) {\n    setAgentName(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n": typeof types.SetAgentNameDocument,
    "\n  query Shell {\n    viewer {\n      name\n      role\n    }\n    serverInfo {\n      timeZone\n    }\n  }\n": typeof types.ShellDocument,
    "\n  query ConversationMessages($id: ID!, $before: String) {\n    conversation(id: $id) {\n      id\n      messages(last: 100, before: $before) {\n        totalCount\n        pageInfo {\n          hasPreviousPage\n          startCursor\n        }\n        edges {\n          node {\n            ...ChatMessageFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConversationMessagesDocument,
    "\n  subscription MessageAdded($conversationId: ID!) {\n    messageAdded(conversationId: $conversationId) {\n      ...ChatMessageFields\n    }\n  }\n": typeof types.MessageAddedDocument,
    "\n  fragment ChatMessageFields on Message {\n    id\n    externalId\n    sentAt\n    sender\n    isNote\n    type\n    text\n    responseTime\n    agent {\n      id\n      name\n    }\n    file {\n      url\n      contentType\n      name\n      sizeBytes\n    }\n  }\n": typeof types.ChatMessageFieldsFragmentDoc,
    "\n  fragment ConversationSummary on Conversation {\n    id\n    externalId\n    status\n    internal\n    channelName\n    waitingSince\n    openedAt\n    closedAt\n    lastMessageAt\n    lastActivityAt\n    contact {\n      externalId\n      name\n      phoneNumber\n    }\n    assignee {\n      id\n      name\n    }\n    sector {\n      id\n      name\n    }\n    tags {\n      id\n      name\n    }\n    origin {\n      kind\n      name\n    }\n    lastMessage {\n      id\n      sentAt\n      sender\n      isNote\n      type\n      text\n      file {\n        name\n      }\n    }\n  }\n": typeof types.ConversationSummaryFragmentDoc,
    "\n  fragment LiveConversation on Conversation {\n    ...ConversationSummary\n    sla {\n      kind\n      targetSeconds\n      atRiskAt\n      dueAt\n    }\n  }\n": typeof types.LiveConversationFragmentDoc,
    "\n  query DatabaseCheck {\n    viewer {\n      name\n    }\n  }\n": typeof types.DatabaseCheckDocument,
    "\n  fragment DurationStatsFields on DurationStats {\n    count\n    mean\n    median\n    p90\n  }\n": typeof types.DurationStatsFieldsFragmentDoc,
    "\n  query GroupMetrics($from: DateTime!, $to: DateTime!, $clock: Clock) {\n    sectorMetrics(from: $from, to: $to, clock: $clock) {\n      sector {\n        id\n        name\n      }\n      conversationsStarted\n      conversationsResolved\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n      responseTime {\n        ...DurationStatsFields\n      }\n      queueTime {\n        ...DurationStatsFields\n      }\n      sla {\n        firstResponse {\n          met\n          total\n          rate\n        }\n      }\n    }\n    originMetrics(from: $from, to: $to, clock: $clock) {\n      origin\n      conversationsStarted\n      conversationsResolved\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n      responseTime {\n        ...DurationStatsFields\n      }\n      queueTime {\n        ...DurationStatsFields\n      }\n      sla {\n        firstResponse {\n          met\n          total\n          rate\n        }\n      }\n    }\n  }\n": typeof types.GroupMetricsDocument,
    "\n  query IngestStatus {\n    ingestStatus {\n      pending\n      oldestPendingAt\n    }\n  }\n": typeof types.IngestStatusDocument,
    "\n  fragment LiveOverviewFields on LiveOverview {\n    bot\n    queued\n    waiting\n    inProgress\n    longestWaitSince\n    slaAtRisk\n    slaBreached\n    agents {\n      openConversations\n      waiting\n      agent {\n        id\n        name\n      }\n    }\n  }\n": typeof types.LiveOverviewFieldsFragmentDoc,
    "\n  query LiveOverview {\n    liveOverview {\n      ...LiveOverviewFields\n    }\n  }\n": typeof types.LiveOverviewDocument,
    "\n  subscription LiveOverviewUpdated {\n    liveOverview {\n      ...LiveOverviewFields\n    }\n  }\n": typeof types.LiveOverviewUpdatedDocument,
    "\n  subscription ConversationUpdated {\n    conversationUpdated {\n      ...LiveConversation\n    }\n  }\n": typeof types.ConversationUpdatedDocument,
    "\n  query OpenConversations {\n    conversations(first: 100, orderBy: WAITING, filter: { statuses: [BOT, QUEUED, WAITING, IN_PROGRESS] }) {\n      totalCount\n      edges {\n        node {\n          ...LiveConversation\n        }\n      }\n    }\n  }\n": typeof types.OpenConversationsDocument,
    "\n  query ResponseDistribution($from: DateTime!, $to: DateTime!, $agentId: ID, $clock: Clock) {\n    responseTimeDistribution(from: $from, to: $to, agentId: $agentId, clock: $clock) {\n      upToSeconds\n      count\n    }\n  }\n": typeof types.ResponseDistributionDocument,
    "\n  query ResponseTrend($from: DateTime!, $to: DateTime!, $granularity: Granularity!, $agentId: ID, $clock: Clock) {\n    metricsSeries(from: $from, to: $to, granularity: $granularity, agentId: $agentId, clock: $clock) {\n      start\n      conversationsStarted\n      responseTime {\n        ...DurationStatsFields\n      }\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n    }\n  }\n": typeof types.ResponseTrendDocument,
    "\n  fragment SlaHitRatesFields on SlaHitRates {\n    firstResponse {\n      met\n      total\n      rate\n    }\n    nextResponse {\n      met\n      total\n      rate\n    }\n    resolution {\n      met\n      total\n      rate\n    }\n  }\n": typeof types.SlaHitRatesFieldsFragmentDoc,
    "\n  subscription SlaAlerts {\n    slaAlerts {\n      kind\n      state\n      dueAt\n      conversation {\n        id\n        contact {\n          externalId\n          name\n          phoneNumber\n        }\n      }\n    }\n  }\n": typeof types.SlaAlertsDocument,
    "\n  fragment TimelineEntryFields on TimelineEntry {\n    kind\n    at\n    agent {\n      id\n      name\n    }\n    fromAgent {\n      id\n      name\n    }\n    sector {\n      id\n      name\n    }\n    tags {\n      id\n      name\n    }\n    private\n  }\n": typeof types.TimelineEntryFieldsFragmentDoc,
    "\n  query AgentPerformance($from: DateTime!, $to: DateTime!, $clock: Clock) {\n    agentMetrics(from: $from, to: $to, clock: $clock) {\n      agent {\n        id\n        name\n      }\n      conversationsHandled\n      conversationsResolved\n      messagesSent\n      notesSent\n      assignments\n      transfersIn\n      transfersOut\n      responseTime {\n        ...DurationStatsFields\n      }\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n      resolutionTime {\n        ...DurationStatsFields\n      }\n      firstResponseAfterAssignment {\n        ...DurationStatsFields\n      }\n      sla {\n        ...SlaHitRatesFields\n      }\n    }\n    teamMetrics(from: $from, to: $to, clock: $clock) {\n      conversationsStarted\n      conversationsResolved\n      messages {\n        customer\n        agent\n        bot\n        note\n        other\n      }\n      responseTime {\n        ...DurationStatsFields\n      }\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n      resolutionTime {\n        ...DurationStatsFields\n      }\n      queueTime {\n        ...DurationStatsFields\n      }\n      firstResponseAfterAssignment {\n        ...DurationStatsFields\n      }\n      sla {\n        ...SlaHitRatesFields\n      }\n      responseRatings {\n        label\n        upToSeconds\n        count\n        share\n      }\n    }\n  }\n": typeof types.AgentPerformanceDocument,
    "\n  query TeamComparison($from: DateTime!, $to: DateTime!, $clock: Clock) {\n    teamMetrics(from: $from, to: $to, clock: $clock) {\n      conversationsStarted\n      conversationsResolved\n      messages {\n        customer\n        agent\n      }\n      responseTime {\n        count\n        median\n      }\n      firstResponseTime {\n        count\n        median\n      }\n      queueTime {\n        count\n        median\n      }\n    }\n  }\n": typeof types.TeamComparisonDocument,
    "\n  query ConversationDetail($id: ID!) {\n    conversation(id: $id) {\n      ...ConversationSummary\n      cycles {\n        index\n        startedAt\n        closedAt\n        origin {\n          kind\n          name\n          source\n        }\n        resolvedBy {\n          id\n          name\n        }\n      }\n      timeline {\n        ...TimelineEntryFields\n      }\n    }\n  }\n": typeof types.ConversationDetailDocument,
    "\n  query Conversations(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: ConversationFilter\n  ) {\n    conversations(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ConversationSummary\n        }\n      }\n    }\n  }\n": typeof types.ConversationsDocument,
    "\n  query FilterOptions {\n    agents {\n      id\n      name\n    }\n    sectors {\n      id\n      name\n    }\n    tags {\n      id\n      name\n    }\n  }\n": typeof types.FilterOptionsDocument,
    "\n  query ValidateToken {\n    viewer {\n      name\n      role\n    }\n  }\n": typeof types.ValidateTokenDocument,
    "\n  query Settings($year: Int!) {\n    sectors {\n      id\n      name\n    }\n    businessHours {\n      timeZone\n      recomputation {\n        running\n        done\n        total\n      }\n      organization {\n        week {\n          weekday\n          intervals {\n            start\n            end\n          }\n        }\n      }\n      sectors {\n        sector {\n          id\n        }\n        week {\n          weekday\n          intervals {\n            start\n            end\n          }\n        }\n      }\n    }\n    holidays(year: $year) {\n      date\n      name\n      intervals {\n        start\n        end\n      }\n    }\n    slaPolicies {\n      version\n      effectiveFrom\n      sector {\n        id\n      }\n      firstResponseSeconds\n      nextResponseSeconds\n      resolutionSeconds\n      clock\n    }\n    ratingBands {\n      label\n      upToSeconds\n    }\n    originRules {\n      id\n      position\n      pattern\n      origin\n      name\n    }\n  }\n": typeof types.SettingsDocument,
    "\n  mutation SetOriginRule($input: SetOriginRuleInput!) {\n    setOriginRule(input: $input) {\n      id\n    }\n  }\n": typeof types.SetOriginRuleDocument,
    "\n  mutation RemoveOriginRule($id: ID!) {\n    removeOriginRule(id: $id)\n  }\n": typeof types.RemoveOriginRuleDocument,
    "\n  mutation SetBusinessHours($input: SetBusinessHoursInput!) {\n    setBusinessHours(input: $input) {\n      timeZone\n    }\n  }\n": typeof types.SetBusinessHoursDocument,
    "\n  mutation RemoveSectorBusinessHours($sectorId: ID!) {\n    removeSectorBusinessHours(sectorId: $sectorId) {\n      timeZone\n    }\n  }\n": typeof types.RemoveSectorBusinessHoursDocument,
    "\n  mutation SetHoliday($input: SetHolidayInput!) {\n    setHoliday(input: $input) {\n      date\n    }\n  }\n": typeof types.SetHolidayDocument,
    "\n  mutation RemoveHoliday($date: String!) {\n    removeHoliday(date: $date)\n  }\n": typeof types.RemoveHolidayDocument,
    "\n  mutation LoadNationalHolidays($year: Int!) {\n    loadNationalHolidays(year: $year) {\n      date\n    }\n  }\n": typeof types.LoadNationalHolidaysDocument,
    "\n  mutation SetSlaPolicy($input: SetSlaPolicyInput!) {\n    setSlaPolicy(input: $input) {\n      version\n    }\n  }\n": typeof types.SetSlaPolicyDocument,
    "\n  mutation SetRatingBands($bands: [RatingBandInput!]) {\n    setRatingBands(bands: $bands) {\n      label\n    }\n  }\n": typeof types.SetRatingBandsDocument,
};
const documents: Documents = {
    "\n  query ActivityHeatmap($from: DateTime!, $to: DateTime!, $agentId: ID) {\n    activityHeatmap(from: $from, to: $to, agentId: $agentId) {\n      weekday\n      hour\n      messages\n    }\n  }\n": types.ActivityHeatmapDocument,
    "\n  mutation SetAgentName($id: ID!, $name: String) {\n    setAgentName(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n": types.SetAgentNameDocument,
    "\n  query Shell {\n    viewer {\n      name\n      role\n    }\n    serverInfo {\n      timeZone\n    }\n  }\n": types.ShellDocument,
    "\n  query ConversationMessages($id: ID!, $before: String) {\n    conversation(id: $id) {\n      id\n      messages(last: 100, before: $before) {\n        totalCount\n        pageInfo {\n          hasPreviousPage\n          startCursor\n        }\n        edges {\n          node {\n            ...ChatMessageFields\n          }\n        }\n      }\n    }\n  }\n": types.ConversationMessagesDocument,
    "\n  subscription MessageAdded($conversationId: ID!) {\n    messageAdded(conversationId: $conversationId) {\n      ...ChatMessageFields\n    }\n  }\n": types.MessageAddedDocument,
    "\n  fragment ChatMessageFields on Message {\n    id\n    externalId\n    sentAt\n    sender\n    isNote\n    type\n    text\n    responseTime\n    agent {\n      id\n      name\n    }\n    file {\n      url\n      contentType\n      name\n      sizeBytes\n    }\n  }\n": types.ChatMessageFieldsFragmentDoc,
    "\n  fragment ConversationSummary on Conversation {\n    id\n    externalId\n    status\n    internal\n    channelName\n    waitingSince\n    openedAt\n    closedAt\n    lastMessageAt\n    lastActivityAt\n    contact {\n      externalId\n      name\n      phoneNumber\n    }\n    assignee {\n      id\n      name\n    }\n    sector {\n      id\n      name\n    }\n    tags {\n      id\n      name\n    }\n    origin {\n      kind\n      name\n    }\n    lastMessage {\n      id\n      sentAt\n      sender\n      isNote\n      type\n      text\n      file {\n        name\n      }\n    }\n  }\n": types.ConversationSummaryFragmentDoc,
    "\n  fragment LiveConversation on Conversation {\n    ...ConversationSummary\n    sla {\n      kind\n      targetSeconds\n      atRiskAt\n      dueAt\n    }\n  }\n": types.LiveConversationFragmentDoc,
    "\n  query DatabaseCheck {\n    viewer {\n      name\n    }\n  }\n": types.DatabaseCheckDocument,
    "\n  fragment DurationStatsFields on DurationStats {\n    count\n    mean\n    median\n    p90\n  }\n": types.DurationStatsFieldsFragmentDoc,
    "\n  query GroupMetrics($from: DateTime!, $to: DateTime!, $clock: Clock) {\n    sectorMetrics(from: $from, to: $to, clock: $clock) {\n      sector {\n        id\n        name\n      }\n      conversationsStarted\n      conversationsResolved\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n      responseTime {\n        ...DurationStatsFields\n      }\n      queueTime {\n        ...DurationStatsFields\n      }\n      sla {\n        firstResponse {\n          met\n          total\n          rate\n        }\n      }\n    }\n    originMetrics(from: $from, to: $to, clock: $clock) {\n      origin\n      conversationsStarted\n      conversationsResolved\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n      responseTime {\n        ...DurationStatsFields\n      }\n      queueTime {\n        ...DurationStatsFields\n      }\n      sla {\n        firstResponse {\n          met\n          total\n          rate\n        }\n      }\n    }\n  }\n": types.GroupMetricsDocument,
    "\n  query IngestStatus {\n    ingestStatus {\n      pending\n      oldestPendingAt\n    }\n  }\n": types.IngestStatusDocument,
    "\n  fragment LiveOverviewFields on LiveOverview {\n    bot\n    queued\n    waiting\n    inProgress\n    longestWaitSince\n    slaAtRisk\n    slaBreached\n    agents {\n      openConversations\n      waiting\n      agent {\n        id\n        name\n      }\n    }\n  }\n": types.LiveOverviewFieldsFragmentDoc,
    "\n  query LiveOverview {\n    liveOverview {\n      ...LiveOverviewFields\n    }\n  }\n": types.LiveOverviewDocument,
    "\n  subscription LiveOverviewUpdated {\n    liveOverview {\n      ...LiveOverviewFields\n    }\n  }\n": types.LiveOverviewUpdatedDocument,
    "\n  subscription ConversationUpdated {\n    conversationUpdated {\n      ...LiveConversation\n    }\n  }\n": types.ConversationUpdatedDocument,
    "\n  query OpenConversations {\n    conversations(first: 100, orderBy: WAITING, filter: { statuses: [BOT, QUEUED, WAITING, IN_PROGRESS] }) {\n      totalCount\n      edges {\n        node {\n          ...LiveConversation\n        }\n      }\n    }\n  }\n": types.OpenConversationsDocument,
    "\n  query ResponseDistribution($from: DateTime!, $to: DateTime!, $agentId: ID, $clock: Clock) {\n    responseTimeDistribution(from: $from, to: $to, agentId: $agentId, clock: $clock) {\n      upToSeconds\n      count\n    }\n  }\n": types.ResponseDistributionDocument,
    "\n  query ResponseTrend($from: DateTime!, $to: DateTime!, $granularity: Granularity!, $agentId: ID, $clock: Clock) {\n    metricsSeries(from: $from, to: $to, granularity: $granularity, agentId: $agentId, clock: $clock) {\n      start\n      conversationsStarted\n      responseTime {\n        ...DurationStatsFields\n      }\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n    }\n  }\n": types.ResponseTrendDocument,
    "\n  fragment SlaHitRatesFields on SlaHitRates {\n    firstResponse {\n      met\n      total\n      rate\n    }\n    nextResponse {\n      met\n      total\n      rate\n    }\n    resolution {\n      met\n      total\n      rate\n    }\n  }\n": types.SlaHitRatesFieldsFragmentDoc,
    "\n  subscription SlaAlerts {\n    slaAlerts {\n      kind\n      state\n      dueAt\n      conversation {\n        id\n        contact {\n          externalId\n          name\n          phoneNumber\n        }\n      }\n    }\n  }\n": types.SlaAlertsDocument,
    "\n  fragment TimelineEntryFields on TimelineEntry {\n    kind\n    at\n    agent {\n      id\n      name\n    }\n    fromAgent {\n      id\n      name\n    }\n    sector {\n      id\n      name\n    }\n    tags {\n      id\n      name\n    }\n    private\n  }\n": types.TimelineEntryFieldsFragmentDoc,
    "\n  query AgentPerformance($from: DateTime!, $to: DateTime!, $clock: Clock) {\n    agentMetrics(from: $from, to: $to, clock: $clock) {\n      agent {\n        id\n        name\n      }\n      conversationsHandled\n      conversationsResolved\n      messagesSent\n      notesSent\n      assignments\n      transfersIn\n      transfersOut\n      responseTime {\n        ...DurationStatsFields\n      }\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n      resolutionTime {\n        ...DurationStatsFields\n      }\n      firstResponseAfterAssignment {\n        ...DurationStatsFields\n      }\n      sla {\n        ...SlaHitRatesFields\n      }\n    }\n    teamMetrics(from: $from, to: $to, clock: $clock) {\n      conversationsStarted\n      conversationsResolved\n      messages {\n        customer\n        agent\n        bot\n        note\n        other\n      }\n      responseTime {\n        ...DurationStatsFields\n      }\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n      resolutionTime {\n        ...DurationStatsFields\n      }\n      queueTime {\n        ...DurationStatsFields\n      }\n      firstResponseAfterAssignment {\n        ...DurationStatsFields\n      }\n      sla {\n        ...SlaHitRatesFields\n      }\n      responseRatings {\n        label\n        upToSeconds\n        count\n        share\n      }\n    }\n  }\n": types.AgentPerformanceDocument,
    "\n  query TeamComparison($from: DateTime!, $to: DateTime!, $clock: Clock) {\n    teamMetrics(from: $from, to: $to, clock: $clock) {\n      conversationsStarted\n      conversationsResolved\n      messages {\n        customer\n        agent\n      }\n      responseTime {\n        count\n        median\n      }\n      firstResponseTime {\n        count\n        median\n      }\n      queueTime {\n        count\n        median\n      }\n    }\n  }\n": types.TeamComparisonDocument,
    "\n  query ConversationDetail($id: ID!) {\n    conversation(id: $id) {\n      ...ConversationSummary\n      cycles {\n        index\n        startedAt\n        closedAt\n        origin {\n          kind\n          name\n          source\n        }\n        resolvedBy {\n          id\n          name\n        }\n      }\n      timeline {\n        ...TimelineEntryFields\n      }\n    }\n  }\n": types.ConversationDetailDocument,
    "\n  query Conversations(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: ConversationFilter\n  ) {\n    conversations(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ConversationSummary\n        }\n      }\n    }\n  }\n": types.ConversationsDocument,
    "\n  query FilterOptions {\n    agents {\n      id\n      name\n    }\n    sectors {\n      id\n      name\n    }\n    tags {\n      id\n      name\n    }\n  }\n": types.FilterOptionsDocument,
    "\n  query ValidateToken {\n    viewer {\n      name\n      role\n    }\n  }\n": types.ValidateTokenDocument,
    "\n  query Settings($year: Int!) {\n    sectors {\n      id\n      name\n    }\n    businessHours {\n      timeZone\n      recomputation {\n        running\n        done\n        total\n      }\n      organization {\n        week {\n          weekday\n          intervals {\n            start\n            end\n          }\n        }\n      }\n      sectors {\n        sector {\n          id\n        }\n        week {\n          weekday\n          intervals {\n            start\n            end\n          }\n        }\n      }\n    }\n    holidays(year: $year) {\n      date\n      name\n      intervals {\n        start\n        end\n      }\n    }\n    slaPolicies {\n      version\n      effectiveFrom\n      sector {\n        id\n      }\n      firstResponseSeconds\n      nextResponseSeconds\n      resolutionSeconds\n      clock\n    }\n    ratingBands {\n      label\n      upToSeconds\n    }\n    originRules {\n      id\n      position\n      pattern\n      origin\n      name\n    }\n  }\n": types.SettingsDocument,
    "\n  mutation SetOriginRule($input: SetOriginRuleInput!) {\n    setOriginRule(input: $input) {\n      id\n    }\n  }\n": types.SetOriginRuleDocument,
    "\n  mutation RemoveOriginRule($id: ID!) {\n    removeOriginRule(id: $id)\n  }\n": types.RemoveOriginRuleDocument,
    "\n  mutation SetBusinessHours($input: SetBusinessHoursInput!) {\n    setBusinessHours(input: $input) {\n      timeZone\n    }\n  }\n": types.SetBusinessHoursDocument,
    "\n  mutation RemoveSectorBusinessHours($sectorId: ID!) {\n    removeSectorBusinessHours(sectorId: $sectorId) {\n      timeZone\n    }\n  }\n": types.RemoveSectorBusinessHoursDocument,
    "\n  mutation SetHoliday($input: SetHolidayInput!) {\n    setHoliday(input: $input) {\n      date\n    }\n  }\n": types.SetHolidayDocument,
    "\n  mutation RemoveHoliday($date: String!) {\n    removeHoliday(date: $date)\n  }\n": types.RemoveHolidayDocument,
    "\n  mutation LoadNationalHolidays($year: Int!) {\n    loadNationalHolidays(year: $year) {\n      date\n    }\n  }\n": types.LoadNationalHolidaysDocument,
    "\n  mutation SetSlaPolicy($input: SetSlaPolicyInput!) {\n    setSlaPolicy(input: $input) {\n      version\n    }\n  }\n": types.SetSlaPolicyDocument,
    "\n  mutation SetRatingBands($bands: [RatingBandInput!]) {\n    setRatingBands(bands: $bands) {\n      label\n    }\n  }\n": types.SetRatingBandsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActivityHeatmap($from: DateTime!, $to: DateTime!, $agentId: ID) {\n    activityHeatmap(from: $from, to: $to, agentId: $agentId) {\n      weekday\n      hour\n      messages\n    }\n  }\n"): (typeof documents)["\n  query ActivityHeatmap($from: DateTime!, $to: DateTime!, $agentId: ID) {\n    activityHeatmap(from: $from, to: $to, agentId: $agentId) {\n      weekday\n      hour\n      messages\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAgentName($id: ID!, $name: String) {\n    setAgentName(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation SetAgentName($id: ID!, $name: String) {\n    setAgentName(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Shell {\n    viewer {\n      name\n      role\n    }\n    serverInfo {\n      timeZone\n    }\n  }\n"): (typeof documents)["\n  query Shell {\n    viewer {\n      name\n      role\n    }\n    serverInfo {\n      timeZone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationMessages($id: ID!, $before: String) {\n    conversation(id: $id) {\n      id\n      messages(last: 100, before: $before) {\n        totalCount\n        pageInfo {\n          hasPreviousPage\n          startCursor\n        }\n        edges {\n          node {\n            ...ChatMessageFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConversationMessages($id: ID!, $before: String) {\n    conversation(id: $id) {\n      id\n      messages(last: 100, before: $before) {\n        totalCount\n        pageInfo {\n          hasPreviousPage\n          startCursor\n        }\n        edges {\n          node {\n            ...ChatMessageFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageAdded($conversationId: ID!) {\n    messageAdded(conversationId: $conversationId) {\n      ...ChatMessageFields\n    }\n  }\n"): (typeof documents)["\n  subscription MessageAdded($conversationId: ID!) {\n    messageAdded(conversationId: $conversationId) {\n      ...ChatMessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChatMessageFields on Message {\n    id\n    externalId\n    sentAt\n    sender\n    isNote\n    type\n    text\n    responseTime\n    agent {\n      id\n      name\n    }\n    file {\n      url\n      contentType\n      name\n      sizeBytes\n    }\n  }\n"): (typeof documents)["\n  fragment ChatMessageFields on Message {\n    id\n    externalId\n    sentAt\n    sender\n    isNote\n    type\n    text\n    responseTime\n    agent {\n      id\n      name\n    }\n    file {\n      url\n      contentType\n      name\n      sizeBytes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConversationSummary on Conversation {\n    id\n    externalId\n    status\n    internal\n    channelName\n    waitingSince\n    openedAt\n    closedAt\n    lastMessageAt\n    lastActivityAt\n    contact {\n      externalId\n      name\n      phoneNumber\n    }\n    assignee {\n      id\n      name\n    }\n    sector {\n      id\n      name\n    }\n    tags {\n      id\n      name\n    }\n    origin {\n      kind\n      name\n    }\n    lastMessage {\n      id\n      sentAt\n      sender\n      isNote\n      type\n      text\n      file {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ConversationSummary on Conversation {\n    id\n    externalId\n    status\n    internal\n    channelName\n    waitingSince\n    openedAt\n    closedAt\n    lastMessageAt\n    lastActivityAt\n    contact {\n      externalId\n      name\n      phoneNumber\n    }\n    assignee {\n      id\n      name\n    }\n    sector {\n      id\n      name\n    }\n    tags {\n      id\n      name\n    }\n    origin {\n      kind\n      name\n    }\n    lastMessage {\n      id\n      sentAt\n      sender\n      isNote\n      type\n      text\n      file {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveConversation on Conversation {\n    ...ConversationSummary\n    sla {\n      kind\n      targetSeconds\n      atRiskAt\n      dueAt\n    }\n  }\n"): (typeof documents)["\n  fragment LiveConversation on Conversation {\n    ...ConversationSummary\n    sla {\n      kind\n      targetSeconds\n      atRiskAt\n      dueAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DatabaseCheck {\n    viewer {\n      name\n    }\n  }\n"): (typeof documents)["\n  query DatabaseCheck {\n    viewer {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DurationStatsFields on DurationStats {\n    count\n    mean\n    median\n    p90\n  }\n"): (typeof documents)["\n  fragment DurationStatsFields on DurationStats {\n    count\n    mean\n    median\n    p90\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GroupMetrics($from: DateTime!, $to: DateTime!, $clock: Clock) {\n    sectorMetrics(from: $from, to: $to, clock: $clock) {\n      sector {\n        id\n        name\n      }\n      conversationsStarted\n      conversationsResolved\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n      responseTime {\n        ...DurationStatsFields\n      }\n      queueTime {\n        ...DurationStatsFields\n      }\n      sla {\n        firstResponse {\n          met\n          total\n          rate\n        }\n      }\n    }\n    originMetrics(from: $from, to: $to, clock: $clock) {\n      origin\n      conversationsStarted\n      conversationsResolved\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n      responseTime {\n        ...DurationStatsFields\n      }\n      queueTime {\n        ...DurationStatsFields\n      }\n      sla {\n        firstResponse {\n          met\n          total\n          rate\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query GroupMetrics($from: DateTime!, $to: DateTime!, $clock: Clock) {\n    sectorMetrics(from: $from, to: $to, clock: $clock) {\n      sector {\n        id\n        name\n      }\n      conversationsStarted\n      conversationsResolved\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n      responseTime {\n        ...DurationStatsFields\n      }\n      queueTime {\n        ...DurationStatsFields\n      }\n      sla {\n        firstResponse {\n          met\n          total\n          rate\n        }\n      }\n    }\n    originMetrics(from: $from, to: $to, clock: $clock) {\n      origin\n      conversationsStarted\n      conversationsResolved\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n      responseTime {\n        ...DurationStatsFields\n      }\n      queueTime {\n        ...DurationStatsFields\n      }\n      sla {\n        firstResponse {\n          met\n          total\n          rate\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IngestStatus {\n    ingestStatus {\n      pending\n      oldestPendingAt\n    }\n  }\n"): (typeof documents)["\n  query IngestStatus {\n    ingestStatus {\n      pending\n      oldestPendingAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveOverviewFields on LiveOverview {\n    bot\n    queued\n    waiting\n    inProgress\n    longestWaitSince\n    slaAtRisk\n    slaBreached\n    agents {\n      openConversations\n      waiting\n      agent {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment LiveOverviewFields on LiveOverview {\n    bot\n    queued\n    waiting\n    inProgress\n    longestWaitSince\n    slaAtRisk\n    slaBreached\n    agents {\n      openConversations\n      waiting\n      agent {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiveOverview {\n    liveOverview {\n      ...LiveOverviewFields\n    }\n  }\n"): (typeof documents)["\n  query LiveOverview {\n    liveOverview {\n      ...LiveOverviewFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveOverviewUpdated {\n    liveOverview {\n      ...LiveOverviewFields\n    }\n  }\n"): (typeof documents)["\n  subscription LiveOverviewUpdated {\n    liveOverview {\n      ...LiveOverviewFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConversationUpdated {\n    conversationUpdated {\n      ...LiveConversation\n    }\n  }\n"): (typeof documents)["\n  subscription ConversationUpdated {\n    conversationUpdated {\n      ...LiveConversation\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenConversations {\n    conversations(first: 100, orderBy: WAITING, filter: { statuses: [BOT, QUEUED, WAITING, IN_PROGRESS] }) {\n      totalCount\n      edges {\n        node {\n          ...LiveConversation\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OpenConversations {\n    conversations(first: 100, orderBy: WAITING, filter: { statuses: [BOT, QUEUED, WAITING, IN_PROGRESS] }) {\n      totalCount\n      edges {\n        node {\n          ...LiveConversation\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ResponseDistribution($from: DateTime!, $to: DateTime!, $agentId: ID, $clock: Clock) {\n    responseTimeDistribution(from: $from, to: $to, agentId: $agentId, clock: $clock) {\n      upToSeconds\n      count\n    }\n  }\n"): (typeof documents)["\n  query ResponseDistribution($from: DateTime!, $to: DateTime!, $agentId: ID, $clock: Clock) {\n    responseTimeDistribution(from: $from, to: $to, agentId: $agentId, clock: $clock) {\n      upToSeconds\n      count\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ResponseTrend($from: DateTime!, $to: DateTime!, $granularity: Granularity!, $agentId: ID, $clock: Clock) {\n    metricsSeries(from: $from, to: $to, granularity: $granularity, agentId: $agentId, clock: $clock) {\n      start\n      conversationsStarted\n      responseTime {\n        ...DurationStatsFields\n      }\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ResponseTrend($from: DateTime!, $to: DateTime!, $granularity: Granularity!, $agentId: ID, $clock: Clock) {\n    metricsSeries(from: $from, to: $to, granularity: $granularity, agentId: $agentId, clock: $clock) {\n      start\n      conversationsStarted\n      responseTime {\n        ...DurationStatsFields\n      }\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SlaHitRatesFields on SlaHitRates {\n    firstResponse {\n      met\n      total\n      rate\n    }\n    nextResponse {\n      met\n      total\n      rate\n    }\n    resolution {\n      met\n      total\n      rate\n    }\n  }\n"): (typeof documents)["\n  fragment SlaHitRatesFields on SlaHitRates {\n    firstResponse {\n      met\n      total\n      rate\n    }\n    nextResponse {\n      met\n      total\n      rate\n    }\n    resolution {\n      met\n      total\n      rate\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SlaAlerts {\n    slaAlerts {\n      kind\n      state\n      dueAt\n      conversation {\n        id\n        contact {\n          externalId\n          name\n          phoneNumber\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription SlaAlerts {\n    slaAlerts {\n      kind\n      state\n      dueAt\n      conversation {\n        id\n        contact {\n          externalId\n          name\n          phoneNumber\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TimelineEntryFields on TimelineEntry {\n    kind\n    at\n    agent {\n      id\n      name\n    }\n    fromAgent {\n      id\n      name\n    }\n    sector {\n      id\n      name\n    }\n    tags {\n      id\n      name\n    }\n    private\n  }\n"): (typeof documents)["\n  fragment TimelineEntryFields on TimelineEntry {\n    kind\n    at\n    agent {\n      id\n      name\n    }\n    fromAgent {\n      id\n      name\n    }\n    sector {\n      id\n      name\n    }\n    tags {\n      id\n      name\n    }\n    private\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentPerformance($from: DateTime!, $to: DateTime!, $clock: Clock) {\n    agentMetrics(from: $from, to: $to, clock: $clock) {\n      agent {\n        id\n        name\n      }\n      conversationsHandled\n      conversationsResolved\n      messagesSent\n      notesSent\n      assignments\n      transfersIn\n      transfersOut\n      responseTime {\n        ...DurationStatsFields\n      }\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n      resolutionTime {\n        ...DurationStatsFields\n      }\n      firstResponseAfterAssignment {\n        ...DurationStatsFields\n      }\n      sla {\n        ...SlaHitRatesFields\n      }\n    }\n    teamMetrics(from: $from, to: $to, clock: $clock) {\n      conversationsStarted\n      conversationsResolved\n      messages {\n        customer\n        agent\n        bot\n        note\n        other\n      }\n      responseTime {\n        ...DurationStatsFields\n      }\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n      resolutionTime {\n        ...DurationStatsFields\n      }\n      queueTime {\n        ...DurationStatsFields\n      }\n      firstResponseAfterAssignment {\n        ...DurationStatsFields\n      }\n      sla {\n        ...SlaHitRatesFields\n      }\n      responseRatings {\n        label\n        upToSeconds\n        count\n        share\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgentPerformance($from: DateTime!, $to: DateTime!, $clock: Clock) {\n    agentMetrics(from: $from, to: $to, clock: $clock) {\n      agent {\n        id\n        name\n      }\n      conversationsHandled\n      conversationsResolved\n      messagesSent\n      notesSent\n      assignments\n      transfersIn\n      transfersOut\n      responseTime {\n        ...DurationStatsFields\n      }\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n      resolutionTime {\n        ...DurationStatsFields\n      }\n      firstResponseAfterAssignment {\n        ...DurationStatsFields\n      }\n      sla {\n        ...SlaHitRatesFields\n      }\n    }\n    teamMetrics(from: $from, to: $to, clock: $clock) {\n      conversationsStarted\n      conversationsResolved\n      messages {\n        customer\n        agent\n        bot\n        note\n        other\n      }\n      responseTime {\n        ...DurationStatsFields\n      }\n      firstResponseTime {\n        ...DurationStatsFields\n      }\n      resolutionTime {\n        ...DurationStatsFields\n      }\n      queueTime {\n        ...DurationStatsFields\n      }\n      firstResponseAfterAssignment {\n        ...DurationStatsFields\n      }\n      sla {\n        ...SlaHitRatesFields\n      }\n      responseRatings {\n        label\n        upToSeconds\n        count\n        share\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamComparison($from: DateTime!, $to: DateTime!, $clock: Clock) {\n    teamMetrics(from: $from, to: $to, clock: $clock) {\n      conversationsStarted\n      conversationsResolved\n      messages {\n        customer\n        agent\n      }\n      responseTime {\n        count\n        median\n      }\n      firstResponseTime {\n        count\n        median\n      }\n      queueTime {\n        count\n        median\n      }\n    }\n  }\n"): (typeof documents)["\n  query TeamComparison($from: DateTime!, $to: DateTime!, $clock: Clock) {\n    teamMetrics(from: $from, to: $to, clock: $clock) {\n      conversationsStarted\n      conversationsResolved\n      messages {\n        customer\n        agent\n      }\n      responseTime {\n        count\n        median\n      }\n      firstResponseTime {\n        count\n        median\n      }\n      queueTime {\n        count\n        median\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationDetail($id: ID!) {\n    conversation(id: $id) {\n      ...ConversationSummary\n      cycles {\n        index\n        startedAt\n        closedAt\n        origin {\n          kind\n          name\n          source\n        }\n        resolvedBy {\n          id\n          name\n        }\n      }\n      timeline {\n        ...TimelineEntryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConversationDetail($id: ID!) {\n    conversation(id: $id) {\n      ...ConversationSummary\n      cycles {\n        index\n        startedAt\n        closedAt\n        origin {\n          kind\n          name\n          source\n        }\n        resolvedBy {\n          id\n          name\n        }\n      }\n      timeline {\n        ...TimelineEntryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Conversations(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: ConversationFilter\n  ) {\n    conversations(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ConversationSummary\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Conversations(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: ConversationFilter\n  ) {\n    conversations(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ConversationSummary\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FilterOptions {\n    agents {\n      id\n      name\n    }\n    sectors {\n      id\n      name\n    }\n    tags {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query FilterOptions {\n    agents {\n      id\n      name\n    }\n    sectors {\n      id\n      name\n    }\n    tags {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ValidateToken {\n    viewer {\n      name\n      role\n    }\n  }\n"): (typeof documents)["\n  query ValidateToken {\n    viewer {\n      name\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Settings($year: Int!) {\n    sectors {\n      id\n      name\n    }\n    businessHours {\n      timeZone\n      recomputation {\n        running\n        done\n        total\n      }\n      organization {\n        week {\n          weekday\n          intervals {\n            start\n            end\n          }\n        }\n      }\n      sectors {\n        sector {\n          id\n        }\n        week {\n          weekday\n          intervals {\n            start\n            end\n          }\n        }\n      }\n    }\n    holidays(year: $year) {\n      date\n      name\n      intervals {\n        start\n        end\n      }\n    }\n    slaPolicies {\n      version\n      effectiveFrom\n      sector {\n        id\n      }\n      firstResponseSeconds\n      nextResponseSeconds\n      resolutionSeconds\n      clock\n    }\n    ratingBands {\n      label\n      upToSeconds\n    }\n    originRules {\n      id\n      position\n      pattern\n      origin\n      name\n    }\n  }\n"): (typeof documents)["\n  query Settings($year: Int!) {\n    sectors {\n      id\n      name\n    }\n    businessHours {\n      timeZone\n      recomputation {\n        running\n        done\n        total\n      }\n      organization {\n        week {\n          weekday\n          intervals {\n            start\n            end\n          }\n        }\n      }\n      sectors {\n        sector {\n          id\n        }\n        week {\n          weekday\n          intervals {\n            start\n            end\n          }\n        }\n      }\n    }\n    holidays(year: $year) {\n      date\n      name\n      intervals {\n        start\n        end\n      }\n    }\n    slaPolicies {\n      version\n      effectiveFrom\n      sector {\n        id\n      }\n      firstResponseSeconds\n      nextResponseSeconds\n      resolutionSeconds\n      clock\n    }\n    ratingBands {\n      label\n      upToSeconds\n    }\n    originRules {\n      id\n      position\n      pattern\n      origin\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetOriginRule($input: SetOriginRuleInput!) {\n    setOriginRule(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SetOriginRule($input: SetOriginRuleInput!) {\n    setOriginRule(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveOriginRule($id: ID!) {\n    removeOriginRule(id: $id)\n  }\n"): (typeof documents)["\n  mutation RemoveOriginRule($id: ID!) {\n    removeOriginRule(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetBusinessHours($input: SetBusinessHoursInput!) {\n    setBusinessHours(input: $input) {\n      timeZone\n    }\n  }\n"): (typeof documents)["\n  mutation SetBusinessHours($input: SetBusinessHoursInput!) {\n    setBusinessHours(input: $input) {\n      timeZone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveSectorBusinessHours($sectorId: ID!) {\n    removeSectorBusinessHours(sectorId: $sectorId) {\n      timeZone\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveSectorBusinessHours($sectorId: ID!) {\n    removeSectorBusinessHours(sectorId: $sectorId) {\n      timeZone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetHoliday($input: SetHolidayInput!) {\n    setHoliday(input: $input) {\n      date\n    }\n  }\n"): (typeof documents)["\n  mutation SetHoliday($input: SetHolidayInput!) {\n    setHoliday(input: $input) {\n      date\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveHoliday($date: String!) {\n    removeHoliday(date: $date)\n  }\n"): (typeof documents)["\n  mutation RemoveHoliday($date: String!) {\n    removeHoliday(date: $date)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LoadNationalHolidays($year: Int!) {\n    loadNationalHolidays(year: $year) {\n      date\n    }\n  }\n"): (typeof documents)["\n  mutation LoadNationalHolidays($year: Int!) {\n    loadNationalHolidays(year: $year) {\n      date\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetSlaPolicy($input: SetSlaPolicyInput!) {\n    setSlaPolicy(input: $input) {\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation SetSlaPolicy($input: SetSlaPolicyInput!) {\n    setSlaPolicy(input: $input) {\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetRatingBands($bands: [RatingBandInput!]) {\n    setRatingBands(bands: $bands) {\n      label\n    }\n  }\n"): (typeof documents)["\n  mutation SetRatingBands($bands: [RatingBandInput!]) {\n    setRatingBands(bands: $bands) {\n      label\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;