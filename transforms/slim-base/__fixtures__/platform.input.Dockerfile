FROM --platform=linux/amd64 python:3.12 AS runtime
COPY app.py /app.py
CMD ["python", "/app.py"]
