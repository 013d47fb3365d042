// find_resolution_like: numbered documents whose number starts with (score 2) or contains (score 1) what a user typed
// params: number (the input as a normalised lower-case number); limit (int)
MATCH (r:Resolution)
WHERE toLower(r.number) CONTAINS $number
RETURN r.id AS id, r.number AS number, r.doc_type AS doc_type, r.issuer AS issuer, r.term AS term,
       r.year AS year, r.date AS date, r.subject AS subject,
       CASE WHEN toLower(r.number) STARTS WITH $number THEN 2 ELSE 1 END AS score
ORDER BY score DESC, number, issuer, term, id
LIMIT $limit
