// stats_nodes: how many nodes of each label the store holds
// params: none
MATCH (n:Person) RETURN 'Person' AS label, count(n) AS count
UNION ALL
MATCH (n:Role) RETURN 'Role' AS label, count(n) AS count
UNION ALL
MATCH (n:Agency) RETURN 'Agency' AS label, count(n) AS count
UNION ALL
MATCH (n:Resolution) RETURN 'Resolution' AS label, count(n) AS count
UNION ALL
MATCH (n:Task) RETURN 'Task' AS label, count(n) AS count
UNION ALL
MATCH (n:Project) RETURN 'Project' AS label, count(n) AS count
UNION ALL
MATCH (n:Place) RETURN 'Place' AS label, count(n) AS count
UNION ALL
MATCH (n:Event) RETURN 'Event' AS label, count(n) AS count
UNION ALL
MATCH (n:Article) RETURN 'Article' AS label, count(n) AS count
