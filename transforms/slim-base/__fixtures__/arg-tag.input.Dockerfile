ARG PYTHON_VERSION=3.11
FROM python:${PYTHON_VERSION}
COPY app.py /app.py
CMD ["python", "/app.py"]
