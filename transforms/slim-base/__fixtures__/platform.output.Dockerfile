FROM --platform=linux/amd64 python:3.12-slim AS runtime
COPY app.py /app.py
CMD ["python", "/app.py"]
