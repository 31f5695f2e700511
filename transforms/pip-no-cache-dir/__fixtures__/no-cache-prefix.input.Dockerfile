FROM python:3.12
RUN pip install --no-cache flask
RUN pip install --no-cache-d requests
