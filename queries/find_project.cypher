// find_project: projects and tasks named exactly what a user typed (score 4: the same name or key; diacritics needed, these have no folded name)
// params: name (the input, canonical spelling); key (text.key of the input); limit (int)
MATCH (p:Project)
WHERE p.name = $name OR p.key = $key
RETURN p.id AS id, 'Project' AS label, p.name AS name, p.place AS place, 4 AS score
ORDER BY name, id
LIMIT $limit
UNION ALL
MATCH (t:Task)
WHERE t.name = $name OR t.key = $key
RETURN t.id AS id, 'Task' AS label, t.name AS name, '' AS place, 4 AS score
ORDER BY name, id
LIMIT $limit
