-- AlterTable
ALTER TABLE "escalation_case" ADD COLUMN     "money_recovered" DECIMAL(14,2),
ADD COLUMN     "people" JSONB;

-- Cases closed before the structured record kept the money as a JSON number in outcome: carry it over so the totals
-- include them (the JSON text is the decimal the client sent; rounded to the column's 2 places).
UPDATE "escalation_case"
   SET "money_recovered" = round(("outcome"->>'moneyRecovered')::numeric, 2)
 WHERE "stage" = 'accountability' AND jsonb_typeof("outcome"->'moneyRecovered') = 'number';
