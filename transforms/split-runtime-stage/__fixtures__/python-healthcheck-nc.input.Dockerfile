# nc is not in the slim image and is not carried: not split.
FROM python:3.12
WORKDIR /srv
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
HEALTHCHECK CMD nc -z localhost 8000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
