// find_resolution: numbered documents whose number or an alias is what a user typed (score 5), with issuer and term to tell them apart
// params: numbers (list of normalised lower-case numbers, e.g. ['03-ctr/tu']); limit (int)
MATCH (r:Resolution)
WHERE toLower(r.number) IN $numbers
RETURN r.id AS id, r.number AS number, r.doc_type AS doc_type, r.issuer AS issuer, r.term AS term,
       r.year AS year, r.date AS date, r.subject AS subject, 5 AS score
ORDER BY number, issuer, term, id
LIMIT $limit
UNION ALL
MATCH (r:Resolution)
UNWIND r.aliases AS alias
WITH r, alias
WHERE toLower(alias) IN $numbers
RETURN r.id AS id, r.number AS number, r.doc_type AS doc_type, r.issuer AS issuer, r.term AS term,
       r.year AS year, r.date AS date, r.subject AS subject, 5 AS score
LIMIT $limit
