"""Source documents (原始文件): the uploaded or imported report files and their extracted text."""
