"""govkg: a knowledge graph of who holds which post in Vietnam's state and party apparatus.

Read Vietnamese news articles, recognise people, posts, agencies, documents, projects and
meetings, and keep them in a graph where every fact points back to its article and sentence.
"""

__version__ = "0.1.0"
