FROM python:3.12 AS test
WORKDIR /src
COPY . .
RUN pip install --no-cache-dir -r requirements-dev.txt && pytest

FROM python:3.12
WORKDIR /app
COPY app.py .
CMD ["python", "app.py"]
