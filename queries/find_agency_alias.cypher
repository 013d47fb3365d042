// find_agency_alias: agencies one of whose aliases is what a user typed (score 5), or whose key is it without the place word, 'Thành ủy TP Cần Thơ' -> 'Thành ủy Cần Thơ' (4; 3 without diacritics)
// params: spellings (list of lower-case spellings to compare with aliases); variants (list of key variants); foldeds (list of folded variants); limit (int)
MATCH (a:Agency)
UNWIND a.aliases AS alias
WITH a, alias
WHERE toLower(alias) IN $spellings
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.place AS place, 5 AS score
LIMIT $limit
UNION ALL
MATCH (a:Agency)
WHERE a.key IN $variants OR a.folded IN $foldeds
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.place AS place,
       CASE WHEN a.key IN $variants THEN 4 ELSE 3 END AS score
ORDER BY score DESC, name, id
LIMIT $limit
