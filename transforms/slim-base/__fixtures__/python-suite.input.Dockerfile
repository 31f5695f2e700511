FROM python:3.11-bookworm
RUN pip install --no-cache-dir flask==3.0.0 gunicorn
COPY . /srv
CMD ["gunicorn", "app:app"]
