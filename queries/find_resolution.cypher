// find_resolution: numbered documents whose number or alias matches (score 5 same number or alias, 2 prefix, 1 contains), with issuer and term to tell them apart
// params: numbers (list of normalised lower-case numbers, e.g. ['03-ctr/tu']); number (the main one); limit (int)
MATCH (r:Resolution)
WHERE toLower(r.number) IN $numbers OR toLower(r.number) CONTAINS $number
RETURN r.id AS id, r.number AS number, r.doc_type AS doc_type, r.issuer AS issuer, r.term AS term,
       r.year AS year, r.date AS date, r.subject AS subject,
       CASE WHEN toLower(r.number) IN $numbers THEN 5 WHEN toLower(r.number) STARTS WITH $number THEN 2
            ELSE 1 END AS score
ORDER BY score DESC, number, issuer, term
LIMIT $limit
UNION ALL
MATCH (r:Resolution)
UNWIND r.aliases AS alias
WITH r, alias
WHERE toLower(alias) IN $numbers
RETURN r.id AS id, r.number AS number, r.doc_type AS doc_type, r.issuer AS issuer, r.term AS term,
       r.year AS year, r.date AS date, r.subject AS subject, 5 AS score
LIMIT $limit
