"""apikey"""
