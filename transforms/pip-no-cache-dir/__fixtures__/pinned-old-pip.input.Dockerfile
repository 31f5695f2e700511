FROM python:2.7
RUN pip install "pip>=1.4,<1.5"
RUN pip install flask
