// neighbours: every fact edge touching the given nodes, both directions, without MENTIONS (what govkg path walks)
// params: ids (list of node ids of any label)
MATCH (a:Person)-[e:HOLDS]->(b:Role) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Role' AS label, 'HOLDS' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Person)-[e:HOLDS]->(b:Role) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Person' AS label, 'HOLDS' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Role)-[e:OF]->(b:Agency) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Agency' AS label, 'OF' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Role)-[e:OF]->(b:Agency) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Role' AS label, 'OF' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:PART_OF]->(b:Agency) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Agency' AS label, 'PART_OF' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:PART_OF]->(b:Agency) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Agency' AS label, 'PART_OF' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Place)-[e:PART_OF]->(b:Place) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Place' AS label, 'PART_OF' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Place)-[e:PART_OF]->(b:Place) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Place' AS label, 'PART_OF' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:LOCATED_IN]->(b:Place) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Place' AS label, 'LOCATED_IN' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:LOCATED_IN]->(b:Place) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Agency' AS label, 'LOCATED_IN' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Project)-[e:LOCATED_IN]->(b:Place) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Place' AS label, 'LOCATED_IN' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Project)-[e:LOCATED_IN]->(b:Place) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Project' AS label, 'LOCATED_IN' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Event)-[e:LOCATED_IN]->(b:Place) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Place' AS label, 'LOCATED_IN' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Event)-[e:LOCATED_IN]->(b:Place) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Event' AS label, 'LOCATED_IN' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:ISSUED]->(b:Resolution) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Resolution' AS label, 'ISSUED' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:ISSUED]->(b:Resolution) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Agency' AS label, 'ISSUED' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Resolution)-[e:IMPLEMENTS]->(b:Resolution) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Resolution' AS label, 'IMPLEMENTS' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Resolution)-[e:IMPLEMENTS]->(b:Resolution) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Resolution' AS label, 'IMPLEMENTS' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:STEERS]->(b:Resolution) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Resolution' AS label, 'STEERS' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:STEERS]->(b:Resolution) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Agency' AS label, 'STEERS' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:STEERS]->(b:Project) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Project' AS label, 'STEERS' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:STEERS]->(b:Project) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Agency' AS label, 'STEERS' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:RESPONSIBLE_FOR]->(b:Task) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Task' AS label, 'RESPONSIBLE_FOR' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:RESPONSIBLE_FOR]->(b:Task) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Agency' AS label, 'RESPONSIBLE_FOR' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:RESPONSIBLE_FOR]->(b:Project) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Project' AS label, 'RESPONSIBLE_FOR' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:RESPONSIBLE_FOR]->(b:Project) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Agency' AS label, 'RESPONSIBLE_FOR' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:RESPONSIBLE_FOR]->(b:Resolution) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Resolution' AS label, 'RESPONSIBLE_FOR' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:RESPONSIBLE_FOR]->(b:Resolution) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Agency' AS label, 'RESPONSIBLE_FOR' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Task)-[e:UNDER]->(b:Resolution) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Resolution' AS label, 'UNDER' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Task)-[e:UNDER]->(b:Resolution) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Task' AS label, 'UNDER' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Project)-[e:UNDER]->(b:Resolution) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Resolution' AS label, 'UNDER' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Project)-[e:UNDER]->(b:Resolution) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Project' AS label, 'UNDER' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Person)-[e:CHAIRED]->(b:Event) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Event' AS label, 'CHAIRED' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Person)-[e:CHAIRED]->(b:Event) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Person' AS label, 'CHAIRED' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:ATTENDED]->(b:Event) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Event' AS label, 'ATTENDED' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:ATTENDED]->(b:Event) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Agency' AS label, 'ATTENDED' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Person)-[e:ATTENDED]->(b:Event) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Event' AS label, 'ATTENDED' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Person)-[e:ATTENDED]->(b:Event) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Person' AS label, 'ATTENDED' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Event)-[e:CONCERNS]->(b:Resolution) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Resolution' AS label, 'CONCERNS' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Event)-[e:CONCERNS]->(b:Resolution) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Event' AS label, 'CONCERNS' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Event)-[e:CONCERNS]->(b:Project) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Project' AS label, 'CONCERNS' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Event)-[e:CONCERNS]->(b:Project) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Event' AS label, 'CONCERNS' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Event)-[e:CONCERNS]->(b:Task) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Task' AS label, 'CONCERNS' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Event)-[e:CONCERNS]->(b:Task) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Event' AS label, 'CONCERNS' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Event)-[e:CONCERNS]->(b:Agency) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Agency' AS label, 'CONCERNS' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Event)-[e:CONCERNS]->(b:Agency) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Event' AS label, 'CONCERNS' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Person)-[e:DIRECTED]->(b:Agency) WHERE a.id IN $ids
RETURN a.id AS src, b.id AS dst, 'Agency' AS label, 'DIRECTED' AS type, 'out' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Person)-[e:DIRECTED]->(b:Agency) WHERE b.id IN $ids
RETURN b.id AS src, a.id AS dst, 'Person' AS label, 'DIRECTED' AS type, 'in' AS direction, e.source_articles AS articles, e.source_sentence_ids AS sentences
