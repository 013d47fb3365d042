// find_person: people whose name matches what a user typed (score 4 same key, 3 same without diacritics, 2 prefix, 1 all words)
// params: key (text.key of the input); folded (text.fold of the input); words (list of words of folded, not empty); limit (int)
MATCH (p:Person)
WHERE p.key = $key OR p.folded = $folded OR p.folded STARTS WITH $folded
   OR all(w IN $words WHERE p.folded CONTAINS w)
RETURN p.id AS id, p.name AS name, p.place AS place,
       CASE WHEN p.key = $key THEN 4 WHEN p.folded = $folded THEN 3
            WHEN p.folded STARTS WITH $folded THEN 2 ELSE 1 END AS score
ORDER BY score DESC, name
LIMIT $limit
