// find_project_like: projects and tasks whose name, in any case, is (3), starts with (2) or contains every word of (1) what a user typed (diacritics needed)
// params: lower (the input, canonical and lower-case); words (list of its words, not empty); limit (int)
MATCH (p:Project)
WHERE all(w IN $words WHERE toLower(p.name) CONTAINS w)
RETURN p.id AS id, 'Project' AS label, p.name AS name, p.place AS place,
       CASE WHEN toLower(p.name) = $lower THEN 3 WHEN toLower(p.name) STARTS WITH $lower THEN 2 ELSE 1 END AS score
ORDER BY score DESC, name, id
LIMIT $limit
UNION ALL
MATCH (t:Task)
WHERE all(w IN $words WHERE toLower(t.name) CONTAINS w)
RETURN t.id AS id, 'Task' AS label, t.name AS name, '' AS place,
       CASE WHEN toLower(t.name) = $lower THEN 3 WHEN toLower(t.name) STARTS WITH $lower THEN 2 ELSE 1 END AS score
ORDER BY score DESC, name, id
LIMIT $limit
