"""目标质量 (target quality): every declared target checked against its history, peers and money."""
