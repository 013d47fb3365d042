// search: people, agencies, documents and projects whose name contains every word typed (diacritics optional for people and agencies)
// params: folded (text.fold of the input); words (list of folded words, not empty); lower (the input, canonical and lower-case); number (the input as a normalised lower-case document number); limit (int, per kind)
MATCH (p:Person)
WHERE all(w IN $words WHERE p.folded CONTAINS w)
RETURN 'Person' AS kind, p.id AS id, p.name AS name, '' AS detail,
       CASE WHEN p.folded = $folded THEN 3 WHEN p.folded STARTS WITH $folded THEN 2 ELSE 1 END AS score
ORDER BY score DESC, name, id
LIMIT $limit
UNION ALL
MATCH (a:Agency)
WHERE all(w IN $words WHERE a.folded CONTAINS w)
RETURN 'Agency' AS kind, a.id AS id, a.name AS name, a.full_name AS detail,
       CASE WHEN a.folded = $folded THEN 3 WHEN a.folded STARTS WITH $folded THEN 2 ELSE 1 END AS score
ORDER BY score DESC, name, id
LIMIT $limit
UNION ALL
MATCH (r:Resolution)
WHERE toLower(r.number) CONTAINS $number OR toLower(r.subject) CONTAINS $lower
RETURN 'Resolution' AS kind, r.id AS id, r.number AS name, r.issuer AS detail,
       CASE WHEN toLower(r.number) = $number THEN 3 WHEN toLower(r.number) STARTS WITH $number THEN 2
            ELSE 1 END AS score
ORDER BY score DESC, name, id
LIMIT $limit
UNION ALL
MATCH (j:Project)
WHERE toLower(j.name) CONTAINS $lower
RETURN 'Project' AS kind, j.id AS id, j.name AS name, j.place AS detail,
       CASE WHEN toLower(j.name) = $lower THEN 3 WHEN toLower(j.name) STARTS WITH $lower THEN 2
            ELSE 1 END AS score
ORDER BY score DESC, name, id
LIMIT $limit
