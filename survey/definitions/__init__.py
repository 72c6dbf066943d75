"""Definitions: what a consultation, place report or worry asks, loaded from YAML."""
