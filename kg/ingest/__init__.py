"""Reading articles: files and folders in, normalised Documents out (decoding, HTML and markdown to text,
title and metadata, sentence splitting with offsets). It may import kg.core only.
"""
