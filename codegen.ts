import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  ignoreNoDocuments: true,
  // Only graphql(...) calls are typed operations; /* GraphQL */ strings in tests stay plain.
  pluckConfig: { gqlMagicComment: 'typed-operation' },
  generates: {
    'client/src/gql/': {
      documents: ['client/src/**/*.{ts,tsx}', '!client/src/gql/**/*'],
      preset: 'client',
      presetConfig: {
        gqlTagName: 'graphql',
        // Graphcache updaters write whole query shapes, so fragments stay unmasked.
        fragmentMasking: false,
      },
      config: {
        scalars: { DateTime: 'string', JSON: 'unknown' },
        enumType: 'string-literal',
        useTypeImports: true,
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
      },
    },
    // The API's own tests use typed operations too, checked against the same schema.
    'api/test/gql/': {
      documents: ['api/src/**/*.test.ts'],
      preset: 'client',
      presetConfig: { gqlTagName: 'graphql', fragmentMasking: false },
      config: {
        scalars: { DateTime: 'string', JSON: 'unknown' },
        enumType: 'string-literal',
        useTypeImports: true,
        skipTypeNameForRoot: true,
        importExtension: '.js',
      },
    },
  },
};

export default config;
