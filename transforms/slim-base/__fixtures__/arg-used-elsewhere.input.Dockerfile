ARG PYTHON_VERSION=3.12
FROM python:${PYTHON_VERSION}
ARG PYTHON_VERSION
LABEL python.version=$PYTHON_VERSION
COPY app.py /app.py
CMD ["python", "/app.py"]
