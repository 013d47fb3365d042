// node_by_id: the label and display name (name, number or title) of nodes given by id
// params: ids (list of node ids of any label)
MATCH (n:Person) WHERE n.id IN $ids RETURN n.id AS id, 'Person' AS label, n.name AS name
UNION ALL
MATCH (n:Role) WHERE n.id IN $ids RETURN n.id AS id, 'Role' AS label, n.name AS name
UNION ALL
MATCH (n:Agency) WHERE n.id IN $ids RETURN n.id AS id, 'Agency' AS label, n.name AS name
UNION ALL
MATCH (n:Resolution) WHERE n.id IN $ids RETURN n.id AS id, 'Resolution' AS label, n.number AS name
UNION ALL
MATCH (n:Task) WHERE n.id IN $ids RETURN n.id AS id, 'Task' AS label, n.name AS name
UNION ALL
MATCH (n:Project) WHERE n.id IN $ids RETURN n.id AS id, 'Project' AS label, n.name AS name
UNION ALL
MATCH (n:Place) WHERE n.id IN $ids RETURN n.id AS id, 'Place' AS label, n.name AS name
UNION ALL
MATCH (n:Event) WHERE n.id IN $ids RETURN n.id AS id, 'Event' AS label, n.name AS name
UNION ALL
MATCH (n:Article) WHERE n.id IN $ids RETURN n.id AS id, 'Article' AS label, n.title AS name
