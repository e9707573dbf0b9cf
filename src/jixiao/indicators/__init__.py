"""The shared indicator library (指标库): common (共性) and specific (个性) indicators, classified by 行业/领域.

``library`` holds the model and the shipped seed, ``classification`` the 行业/领域 classification,
``xlsx`` the workbook layout finance bureaus circulate. No Django here: the web app
``jixiao.web.indicators`` stores the same fields and calls these modules.
"""
