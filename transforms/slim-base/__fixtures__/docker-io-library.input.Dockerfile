FROM docker.io/library/python:3.12 AS app
COPY app.py /app.py
CMD ["python", "/app.py"]
