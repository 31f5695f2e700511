ARG BASE=stefanscherer/node-windows:12-nanoserver
FROM $BASE
RUN npm install
