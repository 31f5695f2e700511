FROM example/node-runtime:12
WORKDIR C:\app
RUN npm install
