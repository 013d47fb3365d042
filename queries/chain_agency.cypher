// chain_agency: one step of the chain around agencies: parent and child bodies, what they issued, steer and answer for, events, directives received, place (their post holders come from who_leads)
// params: ids (list of Agency ids)
MATCH (a:Agency)-[e:PART_OF]->(b:Agency) WHERE a.id IN $ids
RETURN a.id AS src, 'part_of' AS step, b.id AS id, 'Agency' AS label, b.name AS name, b.kind AS kind,
       '' AS issuer, '' AS term, b.place AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (b:Agency)-[e:PART_OF]->(a:Agency) WHERE a.id IN $ids
RETURN a.id AS src, 'has_part' AS step, b.id AS id, 'Agency' AS label, b.name AS name, b.kind AS kind,
       '' AS issuer, '' AS term, b.place AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:ISSUED]->(r:Resolution) WHERE a.id IN $ids
RETURN a.id AS src, 'issued' AS step, r.id AS id, 'Resolution' AS label, r.number AS name, r.doc_type AS kind,
       r.issuer AS issuer, r.term AS term, '' AS place, r.subject AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:STEERS]->(r:Resolution) WHERE a.id IN $ids
RETURN a.id AS src, 'steers' AS step, r.id AS id, 'Resolution' AS label, r.number AS name, r.doc_type AS kind,
       r.issuer AS issuer, r.term AS term, '' AS place, r.subject AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:STEERS]->(j:Project) WHERE a.id IN $ids
RETURN a.id AS src, 'steers' AS step, j.id AS id, 'Project' AS label, j.name AS name, j.kind AS kind,
       '' AS issuer, '' AS term, j.place AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:RESPONSIBLE_FOR]->(r:Resolution) WHERE a.id IN $ids
RETURN a.id AS src, 'responsible_for' AS step, r.id AS id, 'Resolution' AS label, r.number AS name,
       r.doc_type AS kind, r.issuer AS issuer, r.term AS term, '' AS place, r.subject AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:RESPONSIBLE_FOR]->(t:Task) WHERE a.id IN $ids
RETURN a.id AS src, 'responsible_for' AS step, t.id AS id, 'Task' AS label, t.name AS name, t.status AS kind,
       '' AS issuer, '' AS term, '' AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:RESPONSIBLE_FOR]->(j:Project) WHERE a.id IN $ids
RETURN a.id AS src, 'responsible_for' AS step, j.id AS id, 'Project' AS label, j.name AS name, j.kind AS kind,
       '' AS issuer, '' AS term, j.place AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:ATTENDED]->(v:Event) WHERE a.id IN $ids
RETURN a.id AS src, 'attended' AS step, v.id AS id, 'Event' AS label, v.name AS name, v.kind AS kind,
       '' AS issuer, '' AS term, '' AS place, v.article AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (v:Event)-[e:CONCERNS]->(a:Agency) WHERE a.id IN $ids
RETURN a.id AS src, 'event' AS step, v.id AS id, 'Event' AS label, v.name AS name, v.kind AS kind,
       '' AS issuer, '' AS term, '' AS place, v.article AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (p:Person)-[e:DIRECTED]->(a:Agency) WHERE a.id IN $ids
RETURN a.id AS src, 'directed_by' AS step, p.id AS id, 'Person' AS label, p.name AS name, e.verb AS kind,
       '' AS issuer, '' AS term, '' AS place, e.instruction AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
UNION ALL
MATCH (a:Agency)-[e:LOCATED_IN]->(l:Place) WHERE a.id IN $ids
RETURN a.id AS src, 'located_in' AS step, l.id AS id, 'Place' AS label, l.name AS name, l.level AS kind,
       '' AS issuer, '' AS term, '' AS place, '' AS note,
       e.as_of AS as_of, e.source_articles AS articles, e.source_sentence_ids AS sentences
