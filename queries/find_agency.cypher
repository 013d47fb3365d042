// find_agency: agencies matching what a user typed: by key, alias, key variant, name without diacritics, prefix or all words (score 5..1)
// params: key (text.key of the input); variants (list of key variants, e.g. without 'thành phố'); spellings (list of lower-case spellings to compare with aliases); foldeds (list of folded forms); folded (text.fold of the input); words (list of folded words, not empty); limit (int)
MATCH (a:Agency)
WHERE a.key = $key OR a.key IN $variants OR a.folded IN $foldeds OR a.folded STARTS WITH $folded
   OR all(w IN $words WHERE a.folded CONTAINS w)
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.place AS place,
       CASE WHEN a.key = $key THEN 5 WHEN a.key IN $variants THEN 4 WHEN a.folded IN $foldeds THEN 3
            WHEN a.folded STARTS WITH $folded THEN 2 ELSE 1 END AS score
ORDER BY score DESC, name
LIMIT $limit
UNION ALL
MATCH (a:Agency)
UNWIND a.aliases AS alias
WITH a, alias
WHERE toLower(alias) IN $spellings
RETURN a.id AS id, a.name AS name, a.kind AS kind, a.place AS place, 5 AS score
LIMIT $limit
