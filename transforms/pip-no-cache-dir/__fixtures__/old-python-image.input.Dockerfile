FROM python:2.7-wheezy
RUN pip install requests
