FROM mycompany/python:3.12
COPY app.py /app.py
