-- Growth between dumps (GET /v1/jobs/{id}/growth): where a succeeded job's census by class and path shape
-- lives in object storage, next to its result and dominator tree (null for jobs that ran before censuses).
ALTER TABLE jobs ADD COLUMN census_key text;
