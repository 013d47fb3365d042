// chain_resolution: one step of the chain of responsibility around documents: issuer, what they implement and what implements them, steering bodies, answerable bodies, tasks, projects, events
// params: ids (list of Resolution ids)
MATCH (a:Agency)-[e:ISSUED]->(r:Resolution) WHERE r.id IN $ids
RETURN r.id AS src, 'issued_by' AS step, a.id AS id, 'Agency' AS label, a.name AS name, a.kind AS kind,
       '' AS issuer, '' AS term, a.place AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (r:Resolution)-[e:IMPLEMENTS]->(d:Resolution) WHERE r.id IN $ids
RETURN r.id AS src, 'implements' AS step, d.id AS id, 'Resolution' AS label, d.number AS name, d.doc_type AS kind,
       d.issuer AS issuer, d.term AS term, '' AS place, d.subject AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (d:Resolution)-[e:IMPLEMENTS]->(r:Resolution) WHERE r.id IN $ids
RETURN r.id AS src, 'implemented_by' AS step, d.id AS id, 'Resolution' AS label, d.number AS name,
       d.doc_type AS kind, d.issuer AS issuer, d.term AS term, '' AS place, d.subject AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:STEERS]->(r:Resolution) WHERE r.id IN $ids
RETURN r.id AS src, 'steered_by' AS step, a.id AS id, 'Agency' AS label, a.name AS name, a.kind AS kind,
       '' AS issuer, '' AS term, a.place AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:RESPONSIBLE_FOR]->(r:Resolution) WHERE r.id IN $ids
RETURN r.id AS src, 'carried_out_by' AS step, a.id AS id, 'Agency' AS label, a.name AS name, a.kind AS kind,
       '' AS issuer, '' AS term, a.place AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (t:Task)-[e:UNDER]->(r:Resolution) WHERE r.id IN $ids
RETURN r.id AS src, 'task' AS step, t.id AS id, 'Task' AS label, t.name AS name, t.status AS kind,
       '' AS issuer, '' AS term, '' AS place, t.assignee AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (j:Project)-[e:UNDER]->(r:Resolution) WHERE r.id IN $ids
RETURN r.id AS src, 'project' AS step, j.id AS id, 'Project' AS label, j.name AS name, j.kind AS kind,
       '' AS issuer, '' AS term, j.place AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (v:Event)-[e:CONCERNS]->(r:Resolution) WHERE r.id IN $ids
RETURN r.id AS src, 'event' AS step, v.id AS id, 'Event' AS label, v.name AS name, v.kind AS kind,
       '' AS issuer, '' AS term, '' AS place, v.article AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
