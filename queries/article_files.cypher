// article_files: the files the stored articles were read from, with how many articles each (the web view indexes the large ones)
// params: none
MATCH (a:Article)
WHERE a.path IS NOT NULL
RETURN a.path AS path, count(a) AS articles
ORDER BY articles DESC, path
