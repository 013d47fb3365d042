// article_mentions: the people, bodies, documents, projects, tasks and events an article mentions (by its MENTIONS edges), by kind and name
// params: id (an Article id)
MATCH (a:Article)-[:MENTIONS]->(n:Person) WHERE a.id = $id
RETURN 'Person' AS label, n.id AS id, n.name AS name
UNION ALL
MATCH (a:Article)-[:MENTIONS]->(n:Agency) WHERE a.id = $id
RETURN 'Agency' AS label, n.id AS id, n.name AS name
UNION ALL
MATCH (a:Article)-[:MENTIONS]->(n:Resolution) WHERE a.id = $id
RETURN 'Resolution' AS label, n.id AS id, n.number AS name
UNION ALL
MATCH (a:Article)-[:MENTIONS]->(n:Project) WHERE a.id = $id
RETURN 'Project' AS label, n.id AS id, n.name AS name
UNION ALL
MATCH (a:Article)-[:MENTIONS]->(n:Task) WHERE a.id = $id
RETURN 'Task' AS label, n.id AS id, n.name AS name
UNION ALL
MATCH (a:Article)-[:MENTIONS]->(n:Event) WHERE a.id = $id
RETURN 'Event' AS label, n.id AS id, n.name AS name
