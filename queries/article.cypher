// article: one stored article by id: its title, date (or 'on or before' bound), outlet, address and the file it was read from
// params: id (an Article id)
MATCH (a:Article)
WHERE a.id = $id
RETURN a.id AS id, a.title AS title, a.date AS date, a.date_upper AS date_upper, a.date_source AS date_source,
       a.source AS source, a.outlet AS outlet, a.url AS url, a.path AS path, a.locality AS locality
