// The six models of datasets.md written by hand, straight against service_case and work_calendar, with the default
// parameters as constants: the baseline each compiled model is measured against. $1 = as-of. Each returns one row
// per hit, so the benchmark also checks that the compiled SQL finds exactly as many.
export const HAND_WRITTEN: Record<string, string> = {
  overdue: `
SELECT c.case_no, c.unit_code, c.item_code, c.accepted_on, c.promised_days, dl.deadline, c.finished_on
  FROM service_case c
  JOIN work_calendar s ON s.day = c.accepted_on
  LEFT JOIN work_calendar d ON d.is_workday AND d.workday_seq = s.workday_seq + c.promised_days
 CROSS JOIN LATERAL (SELECT CASE WHEN c.promised_days = 0 THEN c.accepted_on ELSE d.day END AS deadline) dl
 WHERE c.accepted_on <= $1::date
   AND CASE WHEN c.result IN ('approved', 'rejected', 'returned') AND c.finished_on <= $1::date THEN c.finished_on ELSE $1::date END > dl.deadline`,
  low_pass_rate: `
SELECT unit_code, item_code, count(*) AS finished, count(*) FILTER (WHERE result = 'approved') AS approved
  FROM service_case
 WHERE finished_on BETWEEN $1::date - 89 AND $1::date AND result IN ('approved', 'rejected', 'returned') AND accepted_on <= $1::date
 GROUP BY unit_code, item_code
HAVING count(*) >= 20 AND count(*) FILTER (WHERE result = 'approved') < 0.60 * count(*)`,
  not_one_time: `
SELECT case_no, unit_code, item_code, supplement_count FROM service_case WHERE accepted_on <= $1::date AND supplement_count >= 2`,
  unequal_treatment: `
WITH f AS (
  SELECT c.case_no, c.unit_code, c.item_code, e.workday_seq - s.workday_seq AS duration
    FROM service_case c
    JOIN work_calendar s ON s.day = c.accepted_on
    JOIN work_calendar e ON e.day = c.finished_on
   WHERE c.finished_on BETWEEN $1::date - 89 AND $1::date AND c.result IN ('approved', 'rejected', 'returned') AND c.accepted_on <= $1::date),
st AS (
  SELECT item_code, count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY duration) AS median
    FROM f GROUP BY item_code HAVING count(*) >= 10)
SELECT f.*, st.n, st.median FROM f JOIN st USING (item_code) WHERE f.duration > 3 * greatest(st.median, 1)`,
  dissatisfied: `
SELECT case_no, unit_code, item_code, rating FROM service_case WHERE accepted_on <= $1::date AND rating BETWEEN 1 AND 2`,
  obstruction: `
SELECT applicant_id, item_code, mode() WITHIN GROUP (ORDER BY unit_code) AS unit_code, count(*) AS n,
       array_agg(case_no ORDER BY case_no) AS case_nos
  FROM service_case
 WHERE finished_on BETWEEN $1::date - 29 AND $1::date AND result IN ('rejected', 'returned') AND accepted_on <= $1::date
 GROUP BY applicant_id, item_code
HAVING count(*) >= 3`,
};
