// find_person: people whose name is what a user typed (score 4 same key, 3 same without diacritics)
// params: key (text.key of the input); folded (text.fold of the input); limit (int)
MATCH (p:Person)
WHERE p.key = $key OR p.folded = $folded
RETURN p.id AS id, p.name AS name, p.place AS place,
       CASE WHEN p.key = $key THEN 4 ELSE 3 END AS score
ORDER BY score DESC, name, id
LIMIT $limit
