-- CreateTable
CREATE TABLE "business_schedules" (
    "id" SERIAL NOT NULL,
    "scope" TEXT NOT NULL,
    "sector_id" INTEGER,
    "week" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "business_schedules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "holidays" (
    "id" SERIAL NOT NULL,
    "date" DATE NOT NULL,
    "name" TEXT NOT NULL,
    "intervals" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "holidays_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "business_schedules_scope_key" ON "business_schedules"("scope");

-- CreateIndex
CREATE UNIQUE INDEX "business_schedules_sector_id_key" ON "business_schedules"("sector_id");

-- CreateIndex
CREATE UNIQUE INDEX "holidays_date_key" ON "holidays"("date");

-- AddForeignKey
ALTER TABLE "business_schedules" ADD CONSTRAINT "business_schedules_sector_id_fkey" FOREIGN KEY ("sector_id") REFERENCES "sectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;
