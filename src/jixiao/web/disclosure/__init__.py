"""信息公开: the finance bureau publishes department-years\x27 documents; the public site shows them."""
