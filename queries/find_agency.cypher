// find_agency: agencies named by what a user typed: same key, abbreviations expanded (score 5), or the same without diacritics (3)
// params: key (text.key of the input); folded (text.fold of the input); limit (int)
MATCH (a:Agency)
WHERE a.key = $key OR a.folded = $folded
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.place AS place,
       CASE WHEN a.key = $key THEN 5 ELSE 3 END AS score
ORDER BY score DESC, name, id
LIMIT $limit
