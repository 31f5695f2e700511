FROM python:3.12
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl libpq-dev \
 && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir flask
CMD ["python", "-m", "flask", "run"]
