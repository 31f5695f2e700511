FROM python:3.12-alpine
RUN apk update \
 && apk add --no-cache curl postgresql-dev \
 && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir flask
CMD ["python", "-m", "flask", "run"]
