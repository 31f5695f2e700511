from node:latest
copy index.js /index.js
cmd ["node", "/index.js"]
