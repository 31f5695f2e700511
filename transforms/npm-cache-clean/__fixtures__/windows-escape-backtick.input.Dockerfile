# escape=`
FROM example/node-runtime:12
RUN npm install
