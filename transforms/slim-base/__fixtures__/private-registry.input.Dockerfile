FROM registry.example.com/python:3.12
COPY app.py /app.py
