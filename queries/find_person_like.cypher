// find_person_like: people whose name starts with what a user typed (score 2) or contains all its words (score 1), diacritics optional
// params: folded (text.fold of the input); words (list of words of folded, not empty); limit (int)
MATCH (p:Person)
WHERE p.folded STARTS WITH $folded OR all(w IN $words WHERE p.folded CONTAINS w)
RETURN p.id AS id, p.name AS name, p.place AS place,
       CASE WHEN p.folded STARTS WITH $folded THEN 2 ELSE 1 END AS score
ORDER BY score DESC, name, id
LIMIT $limit
