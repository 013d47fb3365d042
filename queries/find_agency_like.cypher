// find_agency_like: agencies whose name starts with what a user typed (score 2) or contains all its words (score 1), diacritics optional
// params: folded (text.fold of the input); words (list of folded words, not empty); limit (int)
MATCH (a:Agency)
WHERE a.folded STARTS WITH $folded OR all(w IN $words WHERE a.folded CONTAINS w)
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.place AS place,
       CASE WHEN a.folded STARTS WITH $folded THEN 2 ELSE 1 END AS score
ORDER BY score DESC, name, id
LIMIT $limit
