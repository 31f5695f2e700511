FROM python:%%PLACEHOLDER%%
RUN pip install flask
