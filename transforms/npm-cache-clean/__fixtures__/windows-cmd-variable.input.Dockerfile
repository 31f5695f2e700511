FROM example/node-runtime:12
RUN echo %PATH% && npm install
